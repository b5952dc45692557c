import torch
import torch.nn.functional as F
from mlp import backward, forward, init_params, spiral


class TanhLayer(torch.autograd.Function):
    """A = tanh(X Wᵀ + b)，反向传播由我们自己写。"""

    @staticmethod
    def forward(X, W, b):  # torch 2.x 的写法：forward 不接收 ctx
        return torch.tanh(X @ W.T + b)

    @staticmethod
    def setup_context(ctx, inputs, output):  # 在这里决定反向要保存什么
        X, W, _ = inputs  # b 的梯度只需要 grad_output，不必保存
        ctx.save_for_backward(X, W, output)  # 保存输出 A：tanh 的导数 1 − A² 用得上

    @staticmethod
    def backward(ctx, grad_output):  # grad_output：传回来的梯度（L 为标量时就是 ∂L/∂A），形状与 A 相同 (N, h)
        X, W, A = ctx.saved_tensors
        G = grad_output * (1 - A**2)  # ∂L/∂Z，逐元素
        dX = G @ W if ctx.needs_input_grad[0] else None  # X 不需要梯度时不算
        dW = G.T @ X if ctx.needs_input_grad[1] else None
        db = G.sum(dim=0) if ctx.needs_input_grad[2] else None
        return dX, dW, db  # 与 forward 的输入一一对应


# 1. gradcheck：在 float64 下把 backward 与有限差分比较
torch.manual_seed(0)
X = torch.randn(5, 2, dtype=torch.float64, requires_grad=True)
W = torch.randn(4, 2, dtype=torch.float64, requires_grad=True)
b = torch.randn(4, dtype=torch.float64, requires_grad=True)
print("gradcheck（float64）：", torch.autograd.gradcheck(TanhLayer.apply, (X, W, b)))


# 2. 把上一节手写的整网反向传播也包成一个 Function，同样交给 gradcheck
class HandWrittenLoss(torch.autograd.Function):
    @staticmethod
    def forward(X, y, W1, b1, W2, b2):
        return F.cross_entropy(forward(X, [W1, b1, W2, b2])[0], y)

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    @staticmethod
    def backward(ctx, grad_output):  # L 是标量，grad_output 是 ∂(最终输出)/∂L
        X, y, *params = ctx.saved_tensors
        grads = backward(X, y, params, forward(X, params)[1])
        return None, None, *(grad_output * g for g in grads)  # X、y 是数据：总是返回 None，不看 needs_input_grad


Xs, y = spiral(n_per_class=8)  # 24 个样本，float64，gradcheck 逐个扰动 99 个参数
params64 = [p.requires_grad_() for p in init_params(dtype=torch.float64)]
print(
    "手写反向传播的 gradcheck（float64）：",
    torch.autograd.gradcheck(HandWrittenLoss.apply, (Xs.double(), y, *params64)),
)

# 3. 用 TanhLayer 搭出本章的网络，与手写的整网反向传播比较
Xs, y = spiral()
W1, b1, W2, b2 = params = [p.requires_grad_() for p in init_params()]
A = TanhLayer.apply(Xs, W1, b1)  # Xs 不需要梯度：needs_input_grad[0] 是 False
loss = F.cross_entropy(A @ W2.T + b2, y)
loss.backward()
with torch.no_grad():
    ours = backward(Xs, y, params, forward(Xs, params)[1])
print("与手写的反向传播一致：", all(torch.allclose(g, p.grad, atol=1e-7) for g, p in zip(ours, params)))
print("A.grad_fn：", type(A.grad_fn).__name__)
