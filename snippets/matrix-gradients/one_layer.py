import torch

# 一个线性层 z = Wx + b，损失 L = ‖z - t‖²：W 是 3×4，x 有 4 维，b 和目标 t 有 3 维
torch.manual_seed(0)
W = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
b = torch.randn(3, dtype=torch.float64, requires_grad=True)
x = torch.randn(4, dtype=torch.float64, requires_grad=True)
t = torch.randn(3, dtype=torch.float64)

# 前向
z = W @ x + b
r = z - t
L = (r**2).sum()

# 反向，按链式法则手算
dL_dz = 2 * r  # ∇_r ‖r‖² = 2r；r = z - t 对 z 的雅可比矩阵是 I
dL_db = dL_dz  # z = Wx + b 对 b 的雅可比矩阵是 I
dL_dW = torch.outer(dL_dz, x)  # ∂L/∂W_ij = (∂L/∂z_i)·x_j，即 (∇_z L) xᵀ
dL_dx = W.T @ dL_dz  # ∇ₓL = Wᵀ ∇_z L

L.backward()
for name, by_hand, tensor in (("b", dL_db, b), ("W", dL_dW, W), ("x", dL_dx, x)):
    print(f"∂L/∂{name}：形状 {tuple(by_hand.shape)}，手算与 autograd 一致：{torch.allclose(by_hand, tensor.grad)}")

# 一批 N = 5 个样本，每行一个：Z = X Wᵀ + b，L = Σ 每个样本的 ‖z - t‖²
X = torch.randn(5, 4, dtype=torch.float64)
T = torch.randn(5, 3, dtype=torch.float64)
W.grad, b.grad = None, None
R = X @ W.T + b - T
(R**2).sum().backward()
dL_dW = (2 * R).T @ X  # 每个样本的 (∇_z L) xᵀ 加起来
dL_db = (2 * R).sum(dim=0)  # 每个样本的 ∇_z L 加起来
print(f"一批样本：∂L/∂W 一致 {torch.allclose(dL_dW, W.grad)}，∂L/∂b 一致 {torch.allclose(dL_db, b.grad)}")
