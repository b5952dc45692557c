import itertools

import torch

# f(x) = ½ xᵀAx，∇f(x) = Ax，梯度下降 x ← x - ηAx = (I - ηA)x
A = torch.diag(torch.tensor([1.0, 10.0], dtype=torch.float64))
lam_max = torch.linalg.eigvalsh(A).max()  # ∇f 的利普希茨常数 L = λ_max
print(f"L = λ_max = {lam_max:.1f}，2/λ_max = {2 / lam_max:.1f}")


def f(x):
    return 0.5 * x @ A @ x


for eta in (0.19, 0.21):
    x = torch.tensor([1.0, 1.0], dtype=torch.float64)
    losses = [f(x)]
    for _ in range(50):
        x = x - eta * (A @ x)
        losses.append(f(x))
    shown = "  ".join(f"{losses[k]:.3e}" for k in (0, 1, 2, 10, 50))
    decreasing = all(b < a for a, b in itertools.pairwise(losses))
    factors = torch.diagonal(torch.eye(2) - eta * A)
    print(f"η = {eta}：每步乘以 ({factors[0]:+.2f}, {factors[1]:+.2f})")
    print(f"  第 0、1、2、10、50 步的 f：{shown}；每步都下降：{decreasing}")
