import torch


def f(a):
    """循环次数和分支都取决于 a 的值。"""
    b = a * 2
    halvings = 0
    while b.sum() > 1000:  # while：元素和超过 1000 就减半
        b = b * 0.5
        halvings += 1
    if b.sum() > 0:  # if：按 b 的符号选一个分支
        c = b
        branch = "c = b"
    else:
        c = 100 * b
        branch = "c = 100b"
    return c, halvings, branch


for values in ([1.0, 2.0, 3.0], [-1.0, 0.5, 0.2], [300.0, 400.0, 500.0]):
    a = torch.tensor(values, requires_grad=True)
    c, halvings, branch = f(a)
    c.sum().backward()
    print(f"a = {values}: 减半 {halvings} 次，走 {branch}，a.grad = {a.grad}")
