import torch
from torch.autograd.functional import jacobian

torch.manual_seed(0)
a = torch.randn(4, dtype=torch.float64)
A = torch.randn(3, 4, dtype=torch.float64)  # 3×4，不是方阵
B = torch.randn(4, 4, dtype=torch.float64)  # 方阵，不对称
X = torch.randn(2, 3, dtype=torch.float64)
x = torch.randn(4, dtype=torch.float64)
D = torch.randn(5, 2, dtype=torch.float64)  # 5 个样本、2 个特征的数据矩阵
t = torch.randn(5, dtype=torch.float64)  # 5 个目标值
theta = torch.randn(2, dtype=torch.float64)


def grad(f, at):
    """标量函数 f 在 at 处的梯度，由 autograd 计算；形状与 at 相同。"""
    at = at.clone().requires_grad_()
    (g,) = torch.autograd.grad(f(at), at)
    return g


checks = [
    ("∇ₓ(aᵀx) = a", grad(lambda v: a @ v, x), a),
    ("Ax 的雅可比矩阵 = A", jacobian(lambda v: A @ v, x), A),
    ("∇ₓ‖Ax‖² = Aᵀ(2Ax)", grad(lambda v: ((A @ v) ** 2).sum(), x), A.T @ (2 * A @ x)),
    ("∇ₓ(xᵀBx) = (B + Bᵀ)x", grad(lambda v: v @ B @ v, x), (B + B.T) @ x),
    ("∇ₓ(xᵀBx) = 2Bx ?", grad(lambda v: v @ B @ v, x), 2 * B @ x),
    ("∇ₓ‖x‖² = 2x", grad(lambda v: (v**2).sum(), x), 2 * x),
    ("∇_X ‖X‖_F² = 2X", grad(lambda M: (M**2).sum(), X), 2 * X),
    (
        "∇_θ (1/N)‖Dθ - t‖² = (2/N)Dᵀ(Dθ - t)",
        grad(lambda p: ((D @ p - t) ** 2).mean(), theta),
        2 / 5 * D.T @ (D @ theta - t),
    ),
]
for name, by_autograd, by_formula in checks:
    same = by_autograd.shape == by_formula.shape and torch.allclose(by_autograd, by_formula)
    print(f"{same!s:<5}  形状 {tuple(by_autograd.shape)!s:<7} {name}")
