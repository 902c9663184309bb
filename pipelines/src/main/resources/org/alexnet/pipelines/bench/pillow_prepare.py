"""The benchmark anchor: what a user would otherwise write with Pillow.

Reads the ILSVRC-style train tar (a tar of class tars) with Python's tarfile, and in one process per
core decodes each JPEG, resizes the shorter side to SIZE (bilinear, antialiased, as torchvision's
Resize), takes the centre SIZE x SIZE crop and produces the raw RGB bytes.
Prints: images=<n> seconds=<wall time> pillow=<version>
"""
import io
import sys
import tarfile
import time
from multiprocessing import Pool

from PIL import Image, __version__

SIZE = 256


def class_tars(path):
    with tarfile.open(path) as outer:
        for member in outer.getmembers():
            if member.isfile() and member.name.endswith(".tar"):
                yield member.offset_data, member.size


def prepare_class(job):
    path, offset, size = job
    done = 0
    with open(path, "rb") as f:
        f.seek(offset)
        data = f.read(size)
    with tarfile.open(fileobj=io.BytesIO(data)) as inner:
        for member in inner.getmembers():
            if not member.isfile():
                continue
            image = Image.open(inner.extractfile(member)).convert("RGB")
            w, h = image.size
            scale = SIZE / min(w, h)
            image = image.resize((max(SIZE, round(w * scale)), max(SIZE, round(h * scale))), Image.BILINEAR)
            w, h = image.size
            left, top = (w - SIZE) // 2, (h - SIZE) // 2
            raw = image.crop((left, top, left + SIZE, top + SIZE)).tobytes()
            assert len(raw) == SIZE * SIZE * 3
            done += 1
    return done


def main():
    path, processes = sys.argv[1], int(sys.argv[2])
    start = time.perf_counter()
    jobs = [(path, offset, size) for offset, size in class_tars(path)]
    with Pool(processes) as pool:
        images = sum(pool.map(prepare_class, jobs, chunksize=1))
    print(f"images={images} seconds={time.perf_counter() - start:.3f} pillow={__version__}")


if __name__ == "__main__":
    main()
