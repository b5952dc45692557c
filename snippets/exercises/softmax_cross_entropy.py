import torch

# 交叉熵 L = -log softmax(z)_y，要验证 ∇_z L = softmax(z) - onehot(y)
z = torch.tensor([2.0, 1.0, -1.0, 0.5], dtype=torch.float64, requires_grad=True)
label = 1  # 正确的类别

p = torch.exp(z) / torch.exp(z).sum()  # softmax，按定义写
loss = -torch.log(p[label])
loss.backward()


def show(v):
    return "(" + ", ".join(f"{c:+.6f}" for c in v.tolist()) + ")"


onehot = torch.zeros(4, dtype=torch.float64)
onehot[label] = 1
print(f"softmax(z)          = {show(p)}")
print(f"autograd ∇_z L      = {show(z.grad)}")
print(f"softmax(z) - onehot = {show(p - onehot)}")
print(f"各分量之和 = {z.grad.sum().item():.6f}")

# PyTorch 自带的 cross_entropy（输入是 z，不是概率）给出同样的梯度
z2 = z.detach().clone().requires_grad_()
torch.nn.functional.cross_entropy(z2.unsqueeze(0), torch.tensor([label])).backward()
print(torch.allclose(z2.grad, z.grad))
