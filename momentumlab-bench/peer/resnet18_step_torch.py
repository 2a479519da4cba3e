#!/usr/bin/python3
"""One training step of ResNet-18 (CIFAR stem: 3x3 convolution, no max-pool; basic blocks 64-128-256-512;
batch normalisation; 10 classes) on a batch of 128 random 3x32x32 images, float32, CPU: forward,
cross-entropy, backward and an SGD + momentum update, as `mlab`'s deep engine runs it. Prints the
median of the timed steps. Needs Debian's python3-torch."""
import argparse, statistics, time
import torch, torch.nn as nn, torch.nn.functional as F

class Block(nn.Module):
    def __init__(s, i, o, st):
        super().__init__()
        s.c1 = nn.Conv2d(i, o, 3, st, 1, bias=False); s.b1 = nn.BatchNorm2d(o)
        s.c2 = nn.Conv2d(o, o, 3, 1, 1, bias=False); s.b2 = nn.BatchNorm2d(o)
        s.sc = nn.Sequential() if st == 1 and i == o else nn.Sequential(nn.Conv2d(i, o, 1, st, bias=False), nn.BatchNorm2d(o))
    def forward(s, x):
        return F.relu(s.b2(s.c2(F.relu(s.b1(s.c1(x))))) + s.sc(x))

class ResNet18(nn.Module):
    def __init__(s, n=10):
        super().__init__()
        s.c = nn.Conv2d(3, 64, 3, 1, 1, bias=False); s.b = nn.BatchNorm2d(64)
        layers, i = [], 64
        for o, st in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [Block(i, o, st), Block(o, o, 1)]; i = o
        s.layers = nn.Sequential(*layers); s.fc = nn.Linear(512, n)
    def forward(s, x):
        x = s.layers(F.relu(s.b(s.c(x))))
        return s.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))

p = argparse.ArgumentParser(); p.add_argument("--threads", type=int, default=2); p.add_argument("--steps", type=int, default=5)
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(0)
net = ResNet18(); opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
x = torch.randn(128, 3, 32, 32); y = torch.randint(0, 10, (128,))
print("parameters", sum(q.numel() for q in net.parameters()))
times = []
for s in range(a.steps + 2):
    t0 = time.perf_counter()
    opt.zero_grad(); F.cross_entropy(net(x), y).backward(); opt.step()
    if s >= 2:
        times.append(time.perf_counter() - t0)
print(f"torch {torch.__version__} ResNet-18 batch 128 float32, {a.threads} threads: median step {statistics.median(times):.3f} s over {len(times)} steps")
