# Python threads share memory; the closer cousin of a Web Worker is a process.
# Arguments and results travel between processes as pickled copies.
from concurrent.futures import ProcessPoolExecutor


def edit(doc: dict) -> dict:
    doc["title"] = "Changed by the worker"
    doc["tags"].append("edited")
    return doc


if __name__ == "__main__":
    doc = {"title": "Quarterly report", "tags": ["draft"]}
    print("sent:", doc)
    with ProcessPoolExecutor(max_workers=1) as pool:
        returned = pool.submit(edit, doc).result()
    print("the worker sent back:", returned)
    print("my object is unchanged:", doc)
    print("same object?", returned is doc)
