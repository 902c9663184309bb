"""The training benchmark's anchor: torchvision's AlexNet in PyTorch (Debian's python3-torch) on the
same cores, random 224x224 inputs, SGD(momentum 0.9, weight decay 1e-4) steps and eval-mode
inference. The architecture is written out so torchvision is not needed.
Prints one line per batch size: batch=<b> train=<img/s> infer=<img/s> torch=<version>
threads=<n> blas=<the BLAS library this process loaded, from /proc/self/maps>
"""
import sys
import time

import torch
from torch import nn


def alexnet(classes=1000):
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        nn.AdaptiveAvgPool2d((6, 6)), nn.Flatten(),
        nn.Dropout(), nn.Linear(256 * 36, 4096), nn.ReLU(inplace=True),
        nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Linear(4096, classes))


def rate(step, batch, iterations, warmup):
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(iterations):
        step()
    return batch * iterations / (time.perf_counter() - start)


def blas_library():
    """Which libblas.so.3 the dynamic linker gave torch: Debian's alternatives pick the reference BLAS
    unless OpenBLAS (or BLIS) is installed, and AlexNet's fully connected layers run on it."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path.rsplit("/", 1)[-1] and path.endswith((".so", ".so.0", ".so.3")):
                return path
    return "unknown"


def main():
    threads, iterations = int(sys.argv[1]), int(sys.argv[2])
    batches = [int(b) for b in sys.argv[3].split(",")]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = alexnet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    for batch in batches:
        x = torch.randn(batch, 3, 224, 224)
        y = torch.randint(0, 1000, (batch,))

        def train_step():
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()

        model.train()
        train = rate(train_step, batch, iterations, 1)
        model.eval()
        with torch.no_grad():
            infer = rate(lambda: model(x), batch, iterations, 1)
        print(f"batch={batch} train={train:.1f} infer={infer:.1f} torch={torch.__version__} "
              f"threads={torch.get_num_threads()} blas={blas_library()}", flush=True)


if __name__ == "__main__":
    main()
