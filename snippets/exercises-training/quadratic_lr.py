import torch

# ℓ(x) = ½ xᵀAx - cᵀx，∇ℓ = Ax - c，海森矩阵就是 A
A = torch.tensor([[3.0, 1.0], [1.0, 3.0]], dtype=torch.float64)
x_star = torch.tensor([1.0, -2.0], dtype=torch.float64)
c = A @ x_star
print(f"A 的特征值 {torch.linalg.eigvalsh(A).tolist()}")

for lr in (0.1, 0.25, 1 / 3, 0.45, 0.55):
    x = torch.zeros(2, dtype=torch.float64)
    errors = []
    for _ in range(20):
        x = x - lr * (A @ x - c)
        errors.append(torch.linalg.vector_norm(x - x_star).item())
    rate = max(abs(1 - lr * 2), abs(1 - lr * 4))
    print(
        f"η = {lr:.4f}：20 步后 ‖x - x*‖ = {errors[-1]:.3e}，"
        f"最后一步的比值 {errors[-1] / errors[-2]:.4f}，max|1 - ηλ| = {rate:.4f}"
    )
