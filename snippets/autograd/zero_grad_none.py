import torch


def two_steps(set_to_none):
    """SGD 带动量和权重衰减走两步；第 2 步的损失里没有 b（比如这一步没用到它的那条分支）。"""
    a = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)
    optimizer = torch.optim.SGD([a, b], lr=0.1, momentum=0.9, weight_decay=0.1)

    optimizer.zero_grad(set_to_none=set_to_none)
    ((a - 3) ** 2 + (b - 3) ** 2).backward()  # 第 1 步：a 和 b 都参与
    optimizer.step()
    b_after_first = b.item()

    optimizer.zero_grad(set_to_none=set_to_none)
    ((a - 3) ** 2).backward()  # 第 2 步：只有 a 参与
    grad_seen = b.grad
    optimizer.step()
    return b_after_first, grad_seen, b.item()


for set_to_none in (True, False):
    first, grad_seen, second = two_steps(set_to_none)
    print(
        f"set_to_none={set_to_none!s:5}：第 1 步后 b = {first:.4f}；第 2 步 b.grad = {grad_seen!r}，step 后 b = {second:.4f}"
    )
