import torch

# k 层 sigmoid 复合：导数是 k 个 σ'(aⱼ) 的乘积，每个因子不超过 1/4
x = torch.tensor(0.0, requires_grad=True)
a = x
grads = {}
for k in range(1, 21):
    a = torch.sigmoid(a)
    if k in (1, 2, 5, 10, 20):
        (g,) = torch.autograd.grad(a, x, retain_graph=True)
        grads[k] = g.item()
for k, g in grads.items():
    print(f"k = {k:>2}：d/dx σ(σ(…σ(x)…)) 在 x = 0 处 = {g:.3e}，上界 (1/4)^k = {0.25**k:.3e}")
