import torch

# ‖x‖ = √(x₁² + … + xₙ²)，x ≠ 0 时 ∇‖x‖ = x / ‖x‖
x = torch.tensor([3.0, 4.0, 12.0], dtype=torch.float64, requires_grad=True)
torch.linalg.vector_norm(x).backward()
norm = torch.linalg.vector_norm(x.detach())


def show(v):
    return "(" + ", ".join(f"{c:.6f}" for c in v.tolist()) + ")"


print(f"‖x‖ = {norm.item()}，autograd ∇‖x‖ = {show(x.grad)}")
print(f"x / ‖x‖ = {show(x.detach() / norm)}")
print(f"梯度的长度 = {torch.linalg.vector_norm(x.grad).item():.6f}")

# x = 0 处 ‖x‖ 不可导：vector_norm 约定返回 0，按定义写的 sqrt 得到 nan
zero = torch.zeros(3, dtype=torch.float64, requires_grad=True)
torch.linalg.vector_norm(zero).backward()
print(f"x = 0 处 vector_norm 的梯度 {zero.grad.tolist()}")
zero.grad = None
torch.sqrt((zero**2).sum()).backward()
print(f"x = 0 处 sqrt((x**2).sum()) 的梯度 {zero.grad.tolist()}")
