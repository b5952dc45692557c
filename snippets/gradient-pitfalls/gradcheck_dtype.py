import warnings

import torch
from torch.autograd import gradcheck
from torch.autograd.gradcheck import GradcheckError


class XSin(torch.autograd.Function):
    """自己实现 x sin x 的前向和反向。"""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sin(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * (torch.sin(x) + x * torch.cos(x))


class XSinMissingTerm(XSin):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * x * torch.cos(x)  # 错误：漏了 sin x


def run(fn, x):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # float32 输入会触发一条“不是双精度”的警告
            gradcheck(fn, (x,))  # 默认 eps=1e-6, atol=1e-5, rtol=1e-3
        return "通过"
    except GradcheckError as err:  # RuntimeError 的子类
        return "失败：" + str(err).splitlines()[0].rstrip(",")


torch.manual_seed(0)
x64 = torch.randn(5, dtype=torch.float64, requires_grad=True)
x32 = x64.detach().float().requires_grad_()
print("torch.sin, float32：", run(torch.sin, x32))
print("正确的 XSin, float32：", run(XSin.apply, x32))
print("正确的 XSin, float64：", run(XSin.apply, x64))
print("漏项的 XSin, float64：", run(XSinMissingTerm.apply, x64))

# 失败的原因：float32 下用 eps = 1e-6 做中心差分，舍入误差约为 ε·|f| / eps
with torch.no_grad():
    x = x32.detach()
    numeric = ((x + 1e-6) * torch.sin(x + 1e-6) - (x - 1e-6) * torch.sin(x - 1e-6)) / 2e-6
    analytic = torch.sin(x) + x * torch.cos(x)
    gap = (numeric - analytic).abs().max().item()
    allowed = (1e-5 + 1e-3 * numeric.abs()).max().item()  # gradcheck 逐项要求 |解析 - 数值| ≤ atol + rtol·|数值|
    rounding = torch.finfo(torch.float32).eps * (x * torch.sin(x)).abs().max().item() / 2e-6
print(
    f"float32：差分与解析导数最多差 {gap:.1e}，允许的差最大只有 {allowed:.1e}；舍入误差的估计 ε·max|f| / (2·eps) = {rounding:.1e}"
)
