# "Only one thread ran the second time", replayed, with each thread's document printed.
import threading
import time

docs = [f"doc {i}" for i in range(5)]


def process_document(name: str) -> None:
    time.sleep(0.1)


# An earlier loop left its variable behind, holding the last document.
for doc in docs:
    pass


def start_threads(label: str) -> None:
    global doc
    print(f"{label}: doc is {doc!r}")
    threads = []
    for i, doc in enumerate(doc):  # BUG: `doc`, not `docs`; also rebinds `doc`
        print(f"  starting Worker {i} on {doc!r}")
        thread = threading.Thread(target=process_document, args=(doc,))
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()


start_threads("first run")  # five characters in "doc 4": five threads
start_threads("second run")  # `doc` is now "4": one thread
