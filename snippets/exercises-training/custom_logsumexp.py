import torch
from torch.autograd import Function, gradcheck


class LogSumExp(Function):
    @staticmethod
    def forward(x):  # 对最后一维：m + log Σ exp(x - m)
        m = x.max(dim=-1, keepdim=True).values
        return (m + torch.exp(x - m).sum(dim=-1, keepdim=True).log()).squeeze(-1)

    @staticmethod
    def setup_context(ctx, inputs, output):
        (x,) = inputs
        ctx.save_for_backward(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        e = torch.exp(x - x.max(dim=-1, keepdim=True).values)
        return grad.unsqueeze(-1) * e / e.sum(dim=-1, keepdim=True)  # grad · softmax(x)


torch.manual_seed(0)
x = torch.randn(4, 6, dtype=torch.float64, requires_grad=True)
print(f"gradcheck：{gradcheck(LogSumExp.apply, (x,))}")

big = torch.tensor([1000.0, 1000.0], requires_grad=True)
naive = torch.log(torch.exp(big).sum())
ours = LogSumExp.apply(big)
ours.backward()
print(
    f"直接按定义算：{naive.item()}；LogSumExp：{ours.item():.4f}，梯度 ({big.grad[0].item():.4f}, {big.grad[1].item():.4f})"
)
print(f"与 torch.logsumexp 一致：{torch.allclose(ours, torch.logsumexp(big, dim=0))}")
