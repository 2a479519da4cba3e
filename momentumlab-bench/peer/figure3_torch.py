#!/usr/bin/python3
"""The momentum-vs-gd preset (Jelassi & Li, Figure 3) in PyTorch on the CPU: the peer of
`./mlab run momentum-vs-gd` for end-to-end speed. Same sizes and settings: N = 20000 training and
2000 test examples, d = 30, P = 5, alpha = d^0.49, beta = 0.2, mu = 0.01, sigma = 1.3, m = 5 cubic
neurons, W0 ~ N(0, 0.02^2), full-batch GD (lr 1) and GD+M in the EMA form (lr 1, gamma 0.99) from the
same W0, 1000 steps, 5 seeds, the same probes every 20 steps (losses and accuracies per margin group,
the feature max_r <w_r, w*>, the noise memorized on small-margin training data). The data are drawn
with torch's generator (same distribution, not the same numbers as MomentumLab's).

Usage: momentumlab-bench/peer/figure3_torch.py [--dtype float64|float32] [--threads 2] [--seeds 5] [--steps 1000]
Prints the total wall time, the time per loss+gradient and the final table.
"""
import argparse
import math
import time

import torch


def make_data(n, d, p, alpha, beta, mu, sigma, gen, dtype):
    y = torch.randint(0, 2, (n,), generator=gen).to(dtype) * 2 - 1
    small = torch.rand(n, generator=gen) < mu
    pos = torch.randint(0, p, (n,), generator=gen)
    x = sigma * torch.randn(n, p, d, generator=gen, dtype=dtype)
    x[:, :, 0] = 0.0  # noise is orthogonal to w* = e1
    c = torch.where(small, torch.full((n,), beta, dtype=dtype), torch.full((n,), alpha, dtype=dtype)) * y
    x[torch.arange(n), pos, :] = 0.0
    x[torch.arange(n), pos, 0] = c
    return x, y, small, pos


def outputs(w, x):
    n, p, d = x.shape
    s = (x.reshape(n * p, d) @ w.t()).reshape(n, p, -1)  # <w_r, X[j]> for every example, patch and neuron
    return s.pow(3).sum(dim=(1, 2)), s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dtype', default='float64', choices=['float64', 'float32'])
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seeds', type=int, default=5)
    ap.add_argument('--steps', type=int, default=1000)
    ap.add_argument('--probe-every', type=int, default=20)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    dtype = torch.float64 if args.dtype == 'float64' else torch.float32
    d, p, m = 30, 5, 5
    alpha = d ** 0.49
    t_start = time.perf_counter()
    t_grad = 0.0
    n_grad = 0
    finals = {}
    for seed in range(args.seeds):
        gen = torch.Generator().manual_seed(seed)
        xtr, ytr, smtr, postr = make_data(20000, d, p, alpha, 0.2, 0.01, 1.3, gen, dtype)
        xte, yte, smte, _ = make_data(2000, d, p, alpha, 0.2, 0.01, 1.3, gen, dtype)
        w0 = 0.02 * torch.randn(m, d, generator=gen, dtype=dtype)
        noise_mask = torch.ones(20000, p, dtype=torch.bool)
        noise_mask[torch.arange(20000), postr] = False
        for name, gamma in (('gd', None), ('gdm', 0.99)):
            w = w0.clone().requires_grad_(True)
            buf = torch.zeros_like(w0)
            for t in range(args.steps + 1):
                t0 = time.perf_counter()
                f, _ = outputs(w, xtr)
                loss = torch.nn.functional.softplus(-ytr * f).mean()
                g, = torch.autograd.grad(loss, w)
                t_grad += time.perf_counter() - t0
                n_grad += 1
                if t % args.probe_every == 0 or t == args.steps:
                    with torch.no_grad():
                        ft, s = outputs(w, xtr)
                        fe, _ = outputs(w, xte)
                        train_acc = ((ytr * ft) > 0).to(dtype).mean().item()
                        test_large = ((yte * fe)[~smte] > 0).to(dtype).mean().item()
                        test_small = ((yte * fe)[smte] > 0).to(dtype).mean().item() if smte.any() else float('nan')
                        max_signal = w[:, 0].max().item()
                        xi = ((s ** 3) * noise_mask.unsqueeze(-1)).sum(dim=(1, 2))
                        noise_small = (ytr * xi)[smtr].mean().item()
                        row = (loss.item(), train_acc, test_large, test_small, max_signal, noise_small)
                if t == args.steps:
                    break
                with torch.no_grad():
                    if gamma is None:
                        w -= g
                    else:
                        buf.mul_(gamma).add_(g, alpha=1 - gamma)
                        w -= buf
            finals.setdefault(name, []).append(row)
    total = time.perf_counter() - t_start
    print(f"torch {torch.__version__} {args.dtype} threads={args.threads}: total {total:.1f} s, "
          f"{1000 * t_grad / n_grad:.2f} ms per loss+gradient ({n_grad} calls, {t_grad:.1f} s)")
    print("optimizer  train_loss  train_acc  test_acc_large  test_acc_small  max_signal  noise_small_mean (mean over seeds)")
    for name, rows in finals.items():
        mean = [sum(r[i] for r in rows) / len(rows) for i in range(6)]
        print(f"{name:9s}  " + "  ".join(f"{v:.4g}" for v in mean))


if __name__ == '__main__':
    main()
