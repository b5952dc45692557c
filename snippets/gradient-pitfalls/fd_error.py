import math
from decimal import Decimal, localcontext

import matplotlib.pyplot as plt
import torch

# f = exp，在 x = 1 处 f'(1) = e；各阶导数在 1 附近都约等于 e
exact = math.e
steps = [2.0**-k for k in range(1, 41)]  # 步长取 2 的幂，1 ± h 不再有舍入（float64 全部如此；float32 只到 h = 2^-23）


def f(t):
    """e^t，先用 50 位十进制算出，再舍入到 t 的类型：每个函数值的误差就是一次舍入。"""
    with localcontext() as ctx:
        ctx.prec = 50
        return torch.tensor(float(Decimal(t.item()).exp()), dtype=t.dtype)


def errors(dtype, kind):
    x = torch.tensor(1.0, dtype=dtype)
    out = []
    for h in steps:
        h = torch.tensor(h, dtype=dtype)
        if kind == "forward":
            estimate = (f(x + h) - f(x)) / h
        else:
            estimate = (f(x + h) - f(x - h)) / (2 * h)
        out.append(abs(estimate.item() - exact))
    return out


fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
    eps = torch.finfo(dtype).eps
    print(f"{name}: 机器精度 ε = {eps:.3e}")
    for kind, theory in (("forward", math.sqrt(2 * eps)), ("central", (1.5 * eps) ** (1 / 3))):
        err = errors(dtype, kind)
        best = min(range(len(steps)), key=err.__getitem__)
        label = "前向差分" if kind == "forward" else "中心差分"
        print(
            f"  {label}：最好的 h = 2^-{best + 1} = {steps[best]:.1e}，误差 {err[best]:.1e}；理论最优 h ≈ {theory:.1e}"
        )
        if kind == "central":
            ax.loglog(steps, err, marker=".", label=f"{name} 中心差分")
ax.set_xlabel("步长 h（对数刻度）")
ax.set_ylabel("|差商 − f'(1)|（对数刻度）")
ax.set_title("f(x) = exp(x) 在 x = 1 处：中心差分的误差随步长的变化")
ax.grid(alpha=0.3)
ax.legend()
