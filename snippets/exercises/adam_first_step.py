import torch

g = torch.tensor([1e-3, -1.0, 100.0])  # 三个参数的梯度，大小差 5 个数量级
for name, make in (
    ("SGD ", lambda p: torch.optim.SGD([p], lr=0.1)),
    ("Adam", lambda p: torch.optim.Adam([p], lr=0.1)),
):
    p = torch.zeros(3, requires_grad=True)
    opt = make(p)
    p.grad = g.clone()
    opt.step()
    print(f"{name} 第一步的位移：" + ", ".join(f"{v:+.6f}" for v in p.detach().tolist()))
print("-η·g/(|g| + ν)：" + ", ".join(f"{v:+.6f}" for v in (-0.1 * g / (g.abs() + 1e-8)).tolist()))
