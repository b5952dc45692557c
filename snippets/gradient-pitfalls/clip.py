import torch

torch.manual_seed(0)
w = torch.randn(3, 4, requires_grad=True)
b = torch.randn(4, requires_grad=True)
w.grad = torch.full((3, 4), 1.0)  # 直接放一个梯度进去，便于手算
b.grad = torch.tensor([2.0, -2.0, 4.0, 0.0])
before = torch.cat([w.grad.flatten(), b.grad])

# 手算：把所有参数的梯度拼成一个长向量，取它的 2-范数
total = torch.sqrt((w.grad**2).sum() + (b.grad**2).sum())
max_norm = 1.0
scale = min(max_norm / (total.item() + 1e-6), 1.0)

returned = torch.nn.utils.clip_grad_norm_([w, b], max_norm)
after = torch.cat([w.grad.flatten(), b.grad])
print(f"手算总范数 {total.item():.6f}，clip_grad_norm_ 的返回值 {returned.item():.6f}")
nonzero = before != 0
ratios = after[nonzero] / before[nonzero]
print(
    f"缩放系数 max_norm / (总范数 + 1e-6) = {scale:.6f}；裁剪后 ÷ 裁剪前，各项在 {ratios.min().item():.6f} 与 {ratios.max().item():.6f} 之间"
)
print(f"裁剪后的总范数 {after.norm().item():.7f}")
print(f"裁剪前后的夹角余弦 {torch.nn.functional.cosine_similarity(before, after, dim=0).item():.6f}")

# 总范数本来就不超过 max_norm 时，梯度不变（乘以 1）
returned = torch.nn.utils.clip_grad_norm_([w, b], max_norm=10.0)
print(
    f"再以 max_norm = 10 裁剪：返回 {returned.item():.7f}，梯度不变 {torch.equal(torch.cat([w.grad.flatten(), b.grad]), after)}"
)
