import torch

# σ(x) = 1 / (1 + e^{-x})，要验证 σ'(x) = σ(x)(1 - σ(x))
xs = torch.tensor([-4.0, -1.0, 0.0, 1.0, 4.0], dtype=torch.float64, requires_grad=True)
s = 1 / (1 + torch.exp(-xs))  # 按定义写，autograd 对 exp 和除法逐步用链式法则
s.sum().backward()
for x, grad, value in zip(xs.tolist(), xs.grad.tolist(), s.tolist(), strict=True):
    print(f"x = {x:>4}: autograd σ'(x) = {grad:.6f}，σ(1 - σ) = {value * (1 - value):.6f}")
print(f"最大值在 x = 0：σ'(0) = {xs.grad[2].item()}")
