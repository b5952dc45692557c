import math

import torch


def f(p):
    x, y = p[0], p[1]
    return x**2 * y + torch.sin(y)  # f(x, y) = x²y + sin y


p = torch.tensor([1.0, 0.5], dtype=torch.float64, requires_grad=True)
f(p).backward()
g = p.grad  # ∇f(p) = (2xy, x² + cos y)
print(f"∇f(1, 0.5) = ({g[0]:.4f}, {g[1]:.4f})，‖∇f‖ = {g.norm():.4f}")

eps = 1e-6
directions = {f"角度 {deg:>3}°": (math.cos(math.radians(deg)), math.sin(math.radians(deg))) for deg in (0, 90, 225)}
directions["-∇f/‖∇f‖"] = tuple((-g / g.norm()).tolist())
with torch.no_grad():  # 这里只做数值计算，不需要记录运算（no_grad 见“PyTorch 自动求导”一章）
    for name, (a, b) in directions.items():
        u = torch.tensor([a, b], dtype=torch.float64)  # 单位向量
        numeric = (f(p + eps * u) - f(p - eps * u)) / (2 * eps)  # 中心差商近似 D_u f
        print(f"{name:<10} 差商 {numeric:+.6f}   ∇f·u {g @ u:+.6f}")
