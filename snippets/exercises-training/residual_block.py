import torch

torch.manual_seed(0)
B, d, K = 8, 4, 3
X = torch.randn(B, d, dtype=torch.float64, requires_grad=True)
W = (0.5 * torch.randn(d, d, dtype=torch.float64)).requires_grad_()
V = torch.randn(K, d, dtype=torch.float64, requires_grad=True)
Y = torch.randn(B, K, dtype=torch.float64)


def forward(X, W, V):
    U = X @ W.T
    H = X + torch.tanh(U)  # 残差连接
    Z = H @ V.T
    return U, H, Z, ((Z - Y) ** 2).sum() / (2 * B)


def backward(X, W, V, skip_bug=False, tanh_bug=False):
    U, H, Z, _ = forward(X, W, V)
    GZ = (Z - Y) / B
    GV = GZ.T @ H
    GH = GZ @ V
    GU = GH * (1 - H**2) if tanh_bug else GH * (1 - torch.tanh(U) ** 2)
    GW = GU.T @ X
    GX = GU @ W if skip_bug else GH + GU @ W
    return {"W": GW, "V": GV, "X": GX}


forward(X, W, V)[-1].backward()
auto = {"W": W.grad, "V": V.grad, "X": X.grad}
with torch.no_grad():
    for name, bugs in (("正确的版本", {}), ("漏掉跳连", {"skip_bug": True}), ("用 1 − H²", {"tanh_bug": True})):
        hand = backward(X, W, V, **bugs)
        gaps = [(hand[k] - auto[k]).abs().max().item() for k in ("W", "V", "X")]
        words = "，".join(
            f"∂L/∂{k} " + ("一致" if gap < 1e-12 else f"最大差 {gap:.1e}") for k, gap in zip("WVX", gaps, strict=True)
        )
        print(f"{name}：与 autograd 比较，{words}")
shapes = "，".join(f"∂L/∂{k} {tuple(g.shape)}" for k, g in auto.items())
print(f"形状：{shapes}")


class Block(torch.autograd.Function):
    """把手写的反向传播接进 autograd，好让 gradcheck 用有限差分检查它。"""

    @staticmethod
    def forward(X, W, V):
        return forward(X, W, V)[-1]

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad):
        g = backward(*ctx.saved_tensors)
        return grad * g["X"], grad * g["W"], grad * g["V"]


ok = torch.autograd.gradcheck(Block.apply, (X, W, V))
print(f"gradcheck（float64，对 X、W、V）：{ok}")
