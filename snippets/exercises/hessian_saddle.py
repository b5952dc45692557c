import torch
from torch.autograd.functional import hessian, jacobian


def f(p):
    x, y = p
    return x**3 - 3 * x * y + y**3


for point in ([0.0, 0.0], [1.0, 1.0]):
    p = torch.tensor(point, dtype=torch.float64)
    g, H = jacobian(f, p), hessian(f, p)
    eig = torch.linalg.eigvalsh(H).tolist()
    print(f"{point}：∇f = {g.tolist()}，H = {H.tolist()}，特征值 {eig}")

# 在 (1, 1) 附近比较 f 与二阶泰勒近似 f(q) + ½ ΔqᵀHΔq（梯度为 0）
p = torch.tensor([1.0, 1.0], dtype=torch.float64)
H = hessian(f, p)
for a in (0.1, 0.01):
    dq = torch.tensor([a, -2 * a], dtype=torch.float64)
    exact, quad = f(p + dq).item(), (f(p) + 0.5 * dq @ H @ dq).item()
    print(f"Δq = {a} × (1, -2)：f = {exact:.8f}，二阶近似 {quad:.8f}，差 {exact - quad:.2e}")
print(f"f(1, 1) = {f(p).item():.1f}，f(-10, 0) = {f(torch.tensor([-10.0, 0.0])).item():.1f}")
