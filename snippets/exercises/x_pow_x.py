import math

import torch

# f(x) = xˣ = e^{x ln x}（x > 0），f′(x) = xˣ (ln x + 1)
xs = torch.tensor([0.5, 1 / math.e, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
(xs**xs).sum().backward()  # 底数和指数都是 x，autograd 两处都求导
for x, g in zip(xs.tolist(), xs.grad.tolist(), strict=True):
    print(f"x = {x:.4f}：autograd {g:+.6f}，xˣ(ln x + 1) = {x**x * (math.log(x) + 1):+.6f}")
print(f"最小值 f(1/e) = {math.exp(-1 / math.e):.6f}")
