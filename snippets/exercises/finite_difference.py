import torch

# f(W) = ‖tanh(Wx)‖²。手写它对 W 的梯度，再用中心差分逐个元素核对
torch.manual_seed(0)
W = torch.randn(3, 4, dtype=torch.float64)
x = torch.randn(4, dtype=torch.float64)


def f(W):
    return (torch.tanh(W @ x) ** 2).sum()


def backward_by_hand(W):
    h = torch.tanh(W @ x)
    dL_dh = 2 * h
    dL_du = dL_dh * (1 - h**2)  # tanh′(u) = 1 - tanh²(u)
    return torch.outer(dL_du, x)  # u = Wx：∇_W = (∇_u L) xᵀ


def backward_buggy(W):
    h = torch.tanh(W @ x)
    return torch.outer(2 * h, x)  # 错误：漏了 tanh 的导数


def finite_difference(f, W, step=1e-6):
    grad = torch.zeros_like(W)
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            E = torch.zeros_like(W)
            E[i, j] = step
            grad[i, j] = (f(W + E) - f(W - E)) / (2 * step)
    return grad


numeric = finite_difference(f, W)
for name, backward in (("手写的 backward", backward_by_hand), ("漏掉 tanh′ 的版本", backward_buggy)):
    error = (backward(W) - numeric).abs().max().item()
    print(f"{name}：与中心差分的最大差距 {'< 1e-8' if error < 1e-8 else f'= {error:.2f}'}")
