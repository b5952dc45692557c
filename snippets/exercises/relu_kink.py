import torch
from torch.autograd import gradcheck

x = torch.tensor(0.0, requires_grad=True)
torch.relu(x).backward()
print(f"PyTorch 给的 relu′(0) = {x.grad.item()}")


def relu(t):
    return max(t, 0.0)


for h in (1e-1, 1e-4):
    central = (relu(h) - relu(-h)) / (2 * h)
    forward = (relu(h) - relu(0.0)) / h
    backward = (relu(0.0) - relu(-h)) / h
    print(f"h = {h:g}：中心差分 {central}，向前差分 {forward}，向后差分 {backward}")

# gradcheck 默认用 eps = 1e-6 的中心差分
for x0 in (0.3, 0.0, 1e-7):
    t = torch.tensor([x0], dtype=torch.float64, requires_grad=True)
    print(f"gradcheck 在 x = {x0:g}：{gradcheck(torch.relu, (t,), raise_exception=False)}")
