import torch
from mlp import backward, cross_entropy, forward, init_params, spiral

X, y = spiral()
names = ["W1", "b1", "W2", "b2"]
for act in ["tanh", "relu"]:
    params = [p.requires_grad_() for p in init_params()]
    Z2, cache = forward(X, params, act)
    cross_entropy(Z2, y).backward()  # autograd 的答案存进各参数的 .grad
    with torch.no_grad():
        ours = backward(X, y, params, cache, act)  # 手写的答案
    for name, p, g in zip(names, params, ours):
        same = torch.allclose(g, p.grad, rtol=1e-5, atol=1e-7)
        print(f"{act}  ∂L/∂{name:<2} 形状 {tuple(g.shape)!s:<8} 与 autograd 一致：{same}")
