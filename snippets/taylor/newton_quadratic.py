import torch

# f(x) = ½ xᵀAx - bᵀx，A 对称正定，最小值点是 Ax = b 的解
A = torch.tensor([[3.0, 1.0], [1.0, 2.0]], dtype=torch.float64)
b = torch.tensor([1.0, -1.0], dtype=torch.float64)


def f(x):
    return 0.5 * x @ A @ x - b @ x


x = torch.tensor([5.0, 5.0], dtype=torch.float64)
g = torch.func.grad(f)(x)
H = torch.func.hessian(f)(x)
x_new = x - torch.linalg.solve(H, g)  # 牛顿步：解 H p = g，不求逆
print("一步牛顿后 x =", [round(v, 10) for v in x_new.tolist()])
print("Ax = b 的解 =", [round(v, 10) for v in torch.linalg.solve(A, b).tolist()])
print(f"新位置的 ‖∇f‖ < 1e-12：{bool(torch.func.grad(f)(x_new).norm() < 1e-12)}")
