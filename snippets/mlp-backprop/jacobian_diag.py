import torch
from torch.autograd.functional import jacobian

z = torch.tensor([-1.0, -0.5, 0.0, 0.5, 2.0])
J = jacobian(torch.tanh, z)  # 5×5 雅可比矩阵 ∂a_i/∂z_j
print("tanh 的雅可比矩阵：")
print(J)
print("非对角元全为 0：", bool((J - torch.diag(torch.diag(J))).abs().max() == 0))
print("对角线 = 1 − tanh²(z)：", torch.allclose(torch.diag(J), 1 - torch.tanh(z) ** 2))

# 反向传播只需要 Jᵀ u，而对角矩阵乘向量就是逐元素相乘
u = torch.tensor([0.3, -1.0, 0.7, 2.0, 0.5])  # 传回来的梯度 ∂L/∂a
print("Jᵀ u 与 (1 − a²) ⊙ u 一致：", torch.allclose(J.T @ u, (1 - torch.tanh(z) ** 2) * u))

J_relu = jacobian(torch.relu, z)
print("ReLU 雅可比矩阵的对角线：", torch.diag(J_relu).tolist())  # z = 0 处取 0，是约定
