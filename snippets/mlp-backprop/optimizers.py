import functools

import matplotlib.pyplot as plt
import torch
from mlp import backward, cross_entropy, forward, init_params, spiral

X, y = spiral()
N, B = len(y), 24


# --8<-- [start:rules]
def sgd(p, g, state, lr=1.0):
    p -= lr * g


def momentum(p, g, state, lr=0.1, mu=0.9):
    v = state.setdefault("v", torch.zeros_like(p))
    v.mul_(mu).add_(g)  # v ← μ v + g：过去梯度的累积
    p -= lr * v


def adam(p, g, state, lr=0.05, beta1=0.9, beta2=0.999, eps=1e-8):
    m = state.setdefault("m", torch.zeros_like(p))
    v = state.setdefault("v", torch.zeros_like(p))
    t = state["t"] = state.get("t", 0) + 1
    m.mul_(beta1).add_((1 - beta1) * g)  # 梯度的滑动平均
    v.mul_(beta2).add_((1 - beta2) * g * g)  # 梯度平方的滑动平均（逐元素）
    m_hat = m / (1 - beta1**t)  # 修正从 0 开始带来的偏小
    v_hat = v / (1 - beta2**t)
    p -= lr * m_hat / (v_hat.sqrt() + eps)  # 每个元素有自己的步长


# --8<-- [end:rules]


def train(rule, epochs):
    """同样的初始值、同样的打乱顺序，只换更新规则；返回每个 epoch 结束时全部样本上的 loss。"""
    params = init_params()
    states = [{} for _ in params]
    g = torch.Generator().manual_seed(1)
    losses = [cross_entropy(forward(X, params)[0], y).item()]
    for _ in range(epochs):
        perm = torch.randperm(N, generator=g)
        for start in range(0, N, B):
            idx = perm[start : start + B]
            grads = backward(X[idx], y[idx], params, forward(X[idx], params)[1])
            for p, gr, st in zip(params, grads, states):
                rule(p, gr, st)
        losses.append(cross_entropy(forward(X, params)[0], y).item())
    return params, losses


def train_torch(make_optimizer, epochs):
    """同样的训练，但梯度由 autograd 求、更新由 torch.optim 做。"""
    params = [p.requires_grad_() for p in init_params()]
    optimizer = make_optimizer(params)
    g = torch.Generator().manual_seed(1)
    for _ in range(epochs):
        perm = torch.randperm(N, generator=g)
        for start in range(0, N, B):
            idx = perm[start : start + B]
            optimizer.zero_grad()
            cross_entropy(forward(X[idx], params)[0], y[idx]).backward()
            optimizer.step()
    return params


# 手写的规则与 torch.optim 逐步一致（5 个 epoch、50 次更新之后比较参数）
pairs = [
    ("动量", momentum, lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
    ("Adam", adam, lambda ps: torch.optim.Adam(ps, lr=0.05)),
]
for name, rule, make in pairs:
    ours, theirs = train(rule, 5)[0], train_torch(make, 5)
    same = all(torch.allclose(a, b.detach(), atol=1e-6) for a, b in zip(ours, theirs))
    print(f"{name}：手写的更新与 torch.optim 一致 {same}")

epochs = 60
rules = [("随机梯度下降", sgd), ("动量", momentum), ("Adam", adam)]
curves = {name: train(rule, epochs)[1] for name, rule in rules}
for name, losses in curves.items():
    print(f"{name:<6}  epoch 10：{losses[10]:.4f}  epoch 30：{losses[30]:.4f}  epoch 60：{losses[60]:.4f}")

# 换学习率再比（初始的 loss 是 1.22）。不稳定的训练把舍入误差一步步放大：换一台 CPU
# （矩阵乘法的求和顺序不同），60 轮后的 loss 就不同，所以这样的训练只报告它不稳定。
for name, rule, lrs in [
    ("随机梯度下降", sgd, [0.5, 2, 4, 8]),
    ("动量", momentum, [0.05, 0.2, 0.4, 0.8, 1.6]),
    ("Adam", adam, [0.0125, 0.2, 0.8]),
]:
    for lr in lrs:
        losses = train(functools.partial(rule, lr=lr), epochs)[1]
        if losses[-1] > losses[0]:
            print(f"{name} η = {lr:g}：不稳定，60 轮后的 loss 比初值还大")
            continue
        peak = max(range(epochs + 1), key=losses.__getitem__)
        where = "初值" if peak == 0 else f"第 {peak} 轮末"
        print(
            f"{name} η = {lr:g}：epoch 60 的 loss {losses[-1]:.2f}，各 epoch 末 loss 的最大值 {losses[peak]:.3g}（{where}）"
        )

fig, ax = plt.subplots(figsize=(6.4, 3.4))
for (name, losses), style in zip(curves.items(), ["-", "--", ":"]):
    ax.plot(range(epochs + 1), losses, style, lw=1.8, label=name)
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("全部样本上的交叉熵损失")
ax.set_title("同一个网络、同样的小批量，三种更新规则")
ax.grid(alpha=0.3, which="both")
ax.legend()
fig.tight_layout()
