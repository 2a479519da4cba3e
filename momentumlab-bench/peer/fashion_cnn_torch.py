#!/usr/bin/python3
"""The peer of `mlab run fashion-mnist-sgdm` in PyTorch (CPU): the same small CNN (conv 3x3 32, ReLU,
max-pool 2, conv 3x3 64, ReLU, max-pool 2, linear 128, ReLU, linear 10), torch.optim.SGD(lr 0.05,
momentum 0.9), batch 128, the Fashion-MNIST IDX files normalised per channel, float32. Prints the
time per epoch (training) and per test evaluation, and the test accuracy after each epoch.
Needs Debian's python3-torch and dataset-fashion-mnist."""
import argparse, gzip, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 3, padding=1)
        self.c2 = nn.Conv2d(32, 64, 3, padding=1)
        self.f1 = nn.Linear(64 * 7 * 7, 128)
        self.f2 = nn.Linear(128, 10)
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        x = F.relu(self.f1(x.flatten(1)))
        return self.f2(x)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    xtr = idx(os.path.join(a.dir, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255
    ytr = idx(os.path.join(a.dir, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    xte = idx(os.path.join(a.dir, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255
    yte = idx(os.path.join(a.dir, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    m, s = xtr.mean(), xtr.std()
    xtr = torch.from_numpy((xtr - m) / s).unsqueeze(1)
    xte = torch.from_numpy((xte - m) / s).unsqueeze(1)
    ytr, yte = torch.from_numpy(ytr), torch.from_numpy(yte)
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    for e in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(len(ytr))
        for i in range(0, len(ytr), 128):
            b = perm[i:i + 128]
            opt.zero_grad()
            loss = F.cross_entropy(net(xtr[b]), ytr[b])
            loss.backward()
            opt.step()
        t1 = time.perf_counter()
        with torch.no_grad():
            correct = sum((net(xte[i:i + 256]).argmax(1) == yte[i:i + 256]).sum().item() for i in range(0, len(yte), 256))
        t2 = time.perf_counter()
        print(f"torch {torch.__version__} epoch {e}: train {t1 - t0:.1f} s, test {t2 - t1:.1f} s, test acc {correct / len(yte):.4f}", flush=True)

if __name__ == "__main__":
    main()
