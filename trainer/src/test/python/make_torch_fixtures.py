"""Writes the torch.save fixtures under src/test/resources/torch/ with real PyTorch (Debian's
python3-torch 1.13: `apt-get install python3-torch`). Run from the repository root:

    /usr/bin/python3 trainer/src/test/python/make_torch_fixtures.py

Not run by the tests: its outputs are committed. It writes one small torchvision-layout AlexNet
(conv widths 8-16-24-16-16, hidden 32, 7 classes) in three torch.save formats, and the logits
PyTorch computes for a fixed input:

- alexnet_small_zip.pth: the zip format, with a top folder named after the file (not 'archive');
- alexnet_small_legacy.pth: the legacy stream (_use_new_zipfile_serialization=False);
- alexnet_small_tar.pth: the tar format of PyTorch <= 0.1.11 (members sys_info, pickle, tensors,
  storages), written here the way that version wrote it; torch.load still reads it, and this script
  checks that it does and that every tensor comes back equal;
- alexnet_small_input.npy, alexnet_small_logits.npy: the input [1, 3, 224, 224] and eval logits;
- alexnet_small_input_S.npy, alexnet_small_logits_S.npy for S = 63, 100, 256: other input sizes,
  where AdaptiveAvgPool2d(6, 6) is not the identity;
- ../../../../pipelines/src/test/resources/torch/alexnet_small_1000.pth: the small network with 1000
  classes, for the evaluation pipeline's test of torchvision weights;
- ../../../../workflows/src/test/resources/torch/alexnet_narrow_1000.pth: a wider one (16-32-48-32-32,
  hidden 64) with 1000 classes, for the test of fine-tuning onto a dataset of 3 classes;
- alexnet_paper_small.pth, alexnet_paper_input.npy, alexnet_paper_logits.npy: a small 2012 network
  (LRN as the paper writes it, conv2/4/5 in two groups, 227x227 input) and its logits.
"""
import collections
import io
import os
import pickle
import struct
import sys
import tarfile

import numpy as np
import torch
from torch import nn

OUT = "trainer/src/test/resources/torch"


class AlexNet(nn.Module):
    """torchvision.models.AlexNet with configurable widths (same module names, same key names)."""

    def __init__(self, widths=(8, 16, 24, 16, 16), hidden=32, classes=7):
        super().__init__()
        c1, c2, c3, c4, c5 = widths
        self.features = nn.Sequential(
            nn.Conv2d(3, c1, 11, 4, 2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
            nn.Conv2d(c1, c2, 5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
            nn.Conv2d(c2, c3, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(c3, c4, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(c4, c5, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2))
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(), nn.Linear(c5 * 36, hidden), nn.ReLU(inplace=True),
            nn.Dropout(), nn.Linear(hidden, hidden), nn.ReLU(inplace=True), nn.Linear(hidden, classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


class PaperAlexNet(nn.Module):
    """The 2012 network: LRN after conv1 and conv2 (the paper's k=2, n=5, alpha=1e-4, beta=0.75;
    PyTorch divides alpha by n, hence 5e-4), overlapping pooling, conv2/4/5 in two groups."""

    def __init__(self, widths=(8, 16, 24, 24, 16), hidden=32, classes=7):
        super().__init__()
        c1, c2, c3, c4, c5 = widths
        lrn = lambda: nn.LocalResponseNorm(5, alpha=5 * 1e-4, beta=0.75, k=2.0)
        self.features = nn.Sequential(
            nn.Conv2d(3, c1, 11, 4), nn.ReLU(inplace=True), lrn(), nn.MaxPool2d(3, 2),
            nn.Conv2d(c1, c2, 5, padding=2, groups=2), nn.ReLU(inplace=True), lrn(), nn.MaxPool2d(3, 2),
            nn.Conv2d(c2, c3, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(c3, c4, 3, padding=1, groups=2), nn.ReLU(inplace=True),
            nn.Conv2d(c4, c5, 3, padding=1, groups=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2))
        self.classifier = nn.Sequential(
            nn.Linear(c5 * 36, hidden), nn.ReLU(inplace=True), nn.Dropout(),
            nn.Linear(hidden, hidden), nn.ReLU(inplace=True), nn.Dropout(), nn.Linear(hidden, classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


def save_tar_format(state, path):
    """torch.save as PyTorch 0.1.11 wrote it: a tar of sys_info, pickle, tensors and storages."""
    tensors, storages = {}, {}

    def persistent_id(obj):
        if torch.is_tensor(obj):
            tensors[id(obj)] = obj
            return str(id(obj))
        return None

    pickled = io.BytesIO()
    pickler = pickle.Pickler(pickled, protocol=2)
    pickler.persistent_id = persistent_id
    pickler.dump(state)

    tensor_file = io.BytesIO()
    pickle.dump(len(tensors), tensor_file, protocol=2)
    for key, tensor in tensors.items():
        storages[key] = tensor.contiguous().numpy().astype("<f4").tobytes()
        pickle.dump((key, key, torch.FloatTensor), tensor_file, protocol=2)
        tensor_file.write(struct.pack("<i", tensor.dim()) + b"\0\0\0\0")
        tensor_file.write(struct.pack(f"<{tensor.dim()}q", *tensor.shape))
        tensor_file.write(struct.pack(f"<{tensor.dim()}q", *tensor.contiguous().stride()))
        tensor_file.write(struct.pack("<q", 0))

    storage_file = io.BytesIO()
    pickle.dump(len(storages), storage_file, protocol=2)
    for key, data in storages.items():
        pickle.dump((key, "cpu", torch.FloatStorage), storage_file, protocol=2)
        storage_file.write(struct.pack("<q", len(data) // 4) + data)
    pickle.dump([], storage_file, protocol=2)

    sys_info = io.BytesIO()
    pickle.dump({"protocol_version": 1001, "little_endian": True,
                 "type_sizes": {"short": 2, "int": 4, "long": 8}}, sys_info, protocol=2)
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, content in (("sys_info", sys_info), ("pickle", pickled), ("tensors", tensor_file),
                              ("storages", storage_file)):
            info = tarfile.TarInfo(name)
            info.size = len(content.getvalue())
            tar.addfile(info, io.BytesIO(content.getvalue()))


def main():
    torch.manual_seed(7)
    model = AlexNet().eval()
    state = model.state_dict()
    torch.save(state, f"{OUT}/alexnet_small_zip.pth")
    torch.save(state, f"{OUT}/alexnet_small_legacy.pth", _use_new_zipfile_serialization=False)
    save_tar_format(collections.OrderedDict(state), f"{OUT}/alexnet_small_tar.pth")
    for name in ("zip", "legacy", "tar"):
        loaded = torch.load(f"{OUT}/alexnet_small_{name}.pth")
        assert list(loaded) == list(state), name
        assert all(torch.equal(loaded[k], state[k]) for k in state), name
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(11))
    with torch.no_grad():
        logits = model(x)
    np.save(f"{OUT}/alexnet_small_input.npy", x.numpy())
    np.save(f"{OUT}/alexnet_small_logits.npy", logits.numpy())
    for size in (63, 100, 256):
        x = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(size))
        with torch.no_grad():
            np.save(f"{OUT}/alexnet_small_input_{size}.npy", x.numpy())
            np.save(f"{OUT}/alexnet_small_logits_{size}.npy", model(x).numpy())
    os.makedirs("pipelines/src/test/resources/torch", exist_ok=True)
    torch.manual_seed(1000)
    torch.save(AlexNet(classes=1000).state_dict(), "pipelines/src/test/resources/torch/alexnet_small_1000.pth")
    save_narrow_1000()
    paper = PaperAlexNet().eval()
    torch.save(paper.state_dict(), f"{OUT}/alexnet_paper_small.pth")
    x = torch.randn(2, 3, 227, 227, generator=torch.Generator().manual_seed(227)) * 50
    with torch.no_grad():
        np.save(f"{OUT}/alexnet_paper_input.npy", x.numpy())
        np.save(f"{OUT}/alexnet_paper_logits.npy", paper(x).numpy())
    print("wrote fixtures; logits", logits.numpy().round(4).tolist(), "torch", torch.__version__, file=sys.stderr)


def save_narrow_1000():
    os.makedirs("workflows/src/test/resources/torch", exist_ok=True)
    torch.manual_seed(1001)
    model = AlexNet(widths=(16, 32, 48, 32, 32), hidden=64, classes=1000)
    torch.save(model.state_dict(), "workflows/src/test/resources/torch/alexnet_narrow_1000.pth")


if __name__ == "__main__":
    main()
