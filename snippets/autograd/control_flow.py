import torch


def halve_until_small(a):
    """先乘 2，然后只要元素和超过 1000 就不断减半。循环次数取决于输入的值。"""
    b = a * 2
    halvings = 0
    while b.sum() > 1000:
        b = b * 0.5
        halvings += 1
    return b, halvings


torch.manual_seed(0)  # 固定随机种子，结果可以复现

# 输入较小：循环一次也不执行，b = 2a，梯度处处为 2
a = torch.randn(3, requires_grad=True)
b, halvings = halve_until_small(a)
b.sum().backward()
print(halvings, a.grad)

# 输入较大：循环执行了若干次，b = 2a * 0.5**halvings
a = (torch.rand(3) * 1000).requires_grad_()
b, halvings = halve_until_small(a)
b.sum().backward()
print(halvings, a.grad)
print(torch.equal(a.grad, torch.full((3,), 2 * 0.5**halvings)))
