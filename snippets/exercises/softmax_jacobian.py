import math

import torch
import torch.nn.functional as F
from torch.autograd.functional import hessian, jacobian

z = torch.tensor([2.0, 1.0, -1.0, 0.5], dtype=torch.float64)
y, eps, K = 1, 0.1, 4  # 正确类别是第 2 类（下标 1）；标签平滑的 ε；类别数
e_y = F.one_hot(torch.tensor(y), K).to(torch.float64)
ones = torch.ones(K, dtype=torch.float64)


def show(v):
    return "(" + ", ".join(f"{c:+.4f}" for c in v.tolist()) + ")"


# (a) 雅可比矩阵：公式与 autograd
p = torch.softmax(z, dim=0)
J = torch.diag(p) - torch.outer(p, p)
print(f"p = {show(p)}")
print("J = diag(p) − ppᵀ =")
for row in J:
    print(f"    {show(row)}")
print(f"与 autograd 的雅可比矩阵一致：{torch.allclose(J, jacobian(lambda v: torch.softmax(v, dim=0), z))}")

# (b) 对称、半正定、J·1 = 0
lam = torch.linalg.eigvalsh(J)  # 对称矩阵的特征值，从小到大
print(f"对称：{torch.equal(J, J.T)}；最小的特征值 |λ₁| < 1e-15：{lam[0].abs().item() < 1e-15}，其余 {show(lam[1:])}")
print(f"J·1 = 0：{torch.allclose(J @ ones, torch.zeros(K, dtype=torch.float64))}", end="；")
print(f"softmax(z + 100) = softmax(z)：{torch.allclose(torch.softmax(z + 100, dim=0), p)}")
ce_hessian = hessian(lambda v: F.cross_entropy(v.unsqueeze(0), torch.tensor([y])), z)
print(f"交叉熵对 z 的海森矩阵等于 J：{torch.allclose(ce_hessian, J)}")

# (c) 交叉熵 ℓ = −log p_y：经过 J 的链式法则
zz = z.clone().requires_grad_()
(-torch.log(torch.softmax(zz, dim=0)[y])).backward()
v = torch.zeros(K, dtype=torch.float64)
v[y] = -1 / p[y]  # ∇_p ℓ：只有第 y 个分量不为 0
print(f"∇_p ℓ      = {show(v)}")
print(f"Jᵀ ∇_p ℓ   = {show(J.T @ v)}")
print(f"p − e_y    = {show(p - e_y)}，各分量之和为 0：{abs((p - e_y).sum().item()) < 1e-15}")
print(f"与 autograd 一致：{torch.allclose(zz.grad, J.T @ v)}；", end="")
print(f"不构造 J，p ⊙ (v − (pᵀv)·1) 与 Jᵀv 一致：{torch.allclose(p * (v - p @ v), J.T @ v)}")

# (d) 标签平滑：q = (1 − ε)e_y + ε·1/K
q = (1 - eps) * e_y + eps * ones / K
zz = z.clone().requires_grad_()
loss = F.cross_entropy(zz.unsqueeze(0), torch.tensor([y]), label_smoothing=eps)
loss.backward()
print(f"q = {show(q)}")
print(
    f"F.cross_entropy(label_smoothing={eps}) = {loss.item():.4f}，−Σ q log p = {-(q * torch.log(p)).sum().item():.4f}"
)
print(f"autograd ∇_z = {show(zz.grad)}")
print(f"p − q        = {show(p - q)}，一致：{torch.allclose(zz.grad, p - q)}")
z_star = torch.log(q).requires_grad_()  # 使 p = q 的分数
F.cross_entropy(z_star.unsqueeze(0), torch.tensor([y]), label_smoothing=eps).backward()
gap = math.log((1 - eps + eps / K) / (eps / K))
print(f"z = log q 处梯度为 0：{torch.allclose(z_star.grad, torch.zeros(K, dtype=torch.float64))}；", end="")
print(f"z_y − z_k = log(q_y / q_k) = {gap:.4f}")
