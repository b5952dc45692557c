import torch

x = torch.linspace(-1, 1, 20)
y = 3 * x + 1


def train(zero_grad):
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for _ in range(100):
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():  # 修正 1：原地更新叶子张量，不记入计算图
            w -= 0.1 * w.grad
            b -= 0.1 * b.grad
        if zero_grad:  # 修正 2：每步清零
            w.grad.zero_()
            b.grad.zero_()
    return w.item(), b.item(), loss.item()


# 原来的写法：w = w - 0.1 * w.grad 之后，w 不再是叶子张量
w = torch.zeros(1, requires_grad=True)
((w * x - y) ** 2).mean().backward()
w = w - 0.1 * w.grad
print(f"第一步之后：w.is_leaf = {w.is_leaf}，w.requires_grad = {w.requires_grad}")

# L(w, b) = mean((wx + b − y)²) 的海森矩阵：x 关于 0 对称，mean(x) = 0，H 是对角阵
H = 2 * torch.tensor([[(x**2).mean(), x.mean()], [x.mean(), 1.0]])
lam = torch.linalg.eigvalsh(H)
rows = ", ".join("[" + ", ".join(f"{v:.4f}" for v in row) + "]" for row in H.tolist())
print(f"H = [{rows}]，特征值 {lam[0]:.4f}、{lam[1]:.4f}，η·λ = {0.1 * lam[0]:.4f}、{0.1 * lam[1]:.4f}")

for zero_grad in (False, True):
    w_, b_, loss = train(zero_grad)
    print(f"zero_grad = {zero_grad!s:5}：w = {w_:+.4f}，b = {b_:+.4f}，最后的 loss = {loss:.4f}")
