# Five documents, processed one after another by blocking code.
# Python has a blocking sleep: time.sleep() parks the whole thread.
import time

docs = [f"doc {i}" for i in range(5)]


def process_document(name: str) -> str:
    time.sleep(0.2)  # a 0.2 s blocking wait per document
    return f"{name} processed."


start = time.perf_counter()
for doc in docs:
    print(process_document(doc))
seconds = time.perf_counter() - start
print(f"Total time taken: {seconds:.2f} s")  # 5 × 0.2 s
