import torch

p = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)  # (x, y, z)
f = (p**2).sum()  # f = x² + y² + z²
f.backward()
print(f"f = {f.item()}, ∇f = {p.grad}")

# 梯度指向函数增长最快的方向：沿单位向量 u 的方向导数是 ∇f·u，
# 当 u 与 ∇f 同向时最大，等于 |∇f|
grad = p.grad
directions = {
    "(1,0,0)": torch.tensor([1.0, 0.0, 0.0]),
    "(1,1,1)/√3": torch.ones(3) / 3**0.5,
    "∇f/|∇f|": grad / grad.norm(),
}
for name, u in directions.items():
    print(f"沿 {name:<10} 的方向导数 = {torch.dot(grad, u).item():.4f}")
print(f"|∇f| = {grad.norm().item():.4f}")
