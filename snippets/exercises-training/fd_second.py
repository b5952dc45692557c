import math
from fractions import Fraction

import torch

# f(x) = cos 2x 在 x = 0.5 处：f′ = −2 sin 1，f″ = −4 cos 1，f⁗ = 16 cos 1
x0 = 0.5
exact = -4 * math.cos(1.0)


def f(x):
    return torch.cos(2 * x)


def f_prime(x):  # autograd 给出的 f′
    x = x.detach().requires_grad_()
    (g,) = torch.autograd.grad(f(x), x)
    return g


def second_difference(h, dtype):
    x, h = torch.tensor(x0, dtype=dtype), torch.tensor(h, dtype=dtype)
    return ((f(x + h) - 2 * f(x) + f(x - h)) / h**2).item()


def difference_of_grad(h, dtype):
    x, h = torch.tensor(x0, dtype=dtype), torch.tensor(h, dtype=dtype)
    return ((f_prime(x + h) - f_prime(x - h)) / (2 * h)).item()


def error(method, h, dtype):
    return abs(method(h, dtype) - exact)


print("             D₂ 的误差              f′ 的差分的误差")
print("    h       float64    float32     float64    float32")
for k in range(2, 31, 4):
    h = 2.0**-k  # 2 的幂：x ± h 不带舍入
    row = [
        error(m, h, dtype) for m in (second_difference, difference_of_grad) for dtype in (torch.float64, torch.float32)
    ]
    print(f"  2^-{k:<2}    {row[0]:.1e}    {row[1]:.1e}     {row[2]:.1e}    {row[3]:.1e}")

for name, dtype, mu in (("float64", torch.float64, 2.0**-53), ("float32", torch.float32, 2.0**-24)):
    cos1 = math.cos(1.0)
    h_star, e_star = (3 * mu) ** 0.25, 8 * cos1 * math.sqrt(mu / 3)
    best = min(range(1, 40), key=lambda k: error(second_difference, 2.0**-k, dtype))
    print(
        f"{name}：μ = {mu:.2e}；D₂ 的 h* = (3μ)^(1/4) = {h_star:.1e}，误差界 {e_star:.1e}；"
        f"2^-1 到 2^-39 中最好的 h = 2^-{best} = {2.0**-best:.1e}，误差 {error(second_difference, 2.0**-best, dtype):.1e}"
    )
    # 对 g = f′ 做中心差分：截断误差 (h²/6)|g‴| = (h²/6)|f⁗|，舍入误差 μ|f′|/h
    g_star = (3 * mu * math.tan(1.0) / 8) ** (1 / 3)
    g_bound = 16 * math.cos(1.0) * g_star**2 / 6 + mu * 2 * math.sin(1.0) / g_star
    print(f"  f′ 的差分：h* = (3μ·tan1/8)^(1/3) = {g_star:.1e}，误差界 {g_bound:.1e}")

mu, h = 2.0**-53, 1e-6
print(
    f"float64，h = 1e-6：D₂ 的误差 {error(second_difference, h, torch.float64):.1e}（函数值舍入误差的估计 4μ|f|/h² = "
    f"{4 * mu * math.cos(1.0) / h**2:.1e}），f′ 的差分误差 {error(difference_of_grad, h, torch.float64):.1e}"
)
# 1e-6 不是 2 的幂：0.5 ± h 本身被舍入，δ± 是舍入带来的偏移（用分数精确地算）
d_plus = float(Fraction(x0 + h) - (Fraction(x0) + Fraction(h)))
d_minus = float(Fraction(x0 - h) - (Fraction(x0) - Fraction(h)))
from_args = 2 * math.sin(1.0) * (abs(d_plus) + abs(d_minus)) / h**2
print(
    f"  0.5 ± h 的舍入：δ₊ = {d_plus:.1e}，δ₋ = {d_minus:.1e}；|f′|(|δ₊| + |δ₋|)/h² = {from_args:.1e}，"
    f"与函数值的部分合计 {4 * mu * math.cos(1.0) / h**2 + from_args:.1e}"
)
