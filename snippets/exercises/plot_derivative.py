import matplotlib.pyplot as plt
import torch


def f(x):
    return x * torch.exp(-(x**2))


xs = torch.linspace(-3, 3, 601, dtype=torch.float64, requires_grad=True)
f(xs).sum().backward()  # 各点互不影响：对和求导，xs.grad 就是每一点的 f'(x)
slope = xs.grad

# f'(x) = (1 - 2x²) e^{-x²}，与 autograd 逐点比较
formula = (1 - 2 * xs.detach() ** 2) * torch.exp(-(xs.detach() ** 2))
print(f"autograd 与公式逐点一致：{torch.allclose(slope, formula)}")

# f' 由正变负的位置就是 f 的极大值点
i = int(torch.nonzero((slope[:-1] > 0) & (slope[1:] <= 0))[0])
print(f"f' 在 x = {xs[i].item():.2f} 与 {xs[i + 1].item():.2f} 之间由正变负，1/√2 = {2**-0.5:.4f}")

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(xs.detach(), f(xs).detach(), label="f(x) = x·exp(−x²)")
ax.plot(xs.detach(), slope, "--", label="autograd 算出的 f′(x)")
ax.axhline(0, color="gray", linewidth=0.8)
ax.axvline(2**-0.5, color="crimson", linestyle=":", label="x = 1/√2")
ax.set_xlabel("x")
ax.set_ylabel("函数值")
ax.set_title("函数与它的导数")
ax.grid(alpha=0.3)
ax.legend(loc="lower right")
