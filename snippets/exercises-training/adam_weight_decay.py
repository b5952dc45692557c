import torch

lr, steps = 1e-3, 1000


def loss_grad(t):
    """两个参数的损失梯度：θ₀ 不影响损失，θ₁ 的梯度在 +10 与 −10 之间交替。"""
    return torch.tensor([0.0, 10.0 * (-1) ** t])


def run(make_optimizer, wd, n=steps):
    theta = torch.ones(2, requires_grad=True)
    opt = make_optimizer([theta], lr=lr, weight_decay=wd)
    for t in range(1, n + 1):
        theta.grad = loss_grad(t)
        opt.step()
    return theta.detach()


def by_hand(wd, decoupled, beta1=0.9, beta2=0.999, eps=1e-8):
    theta, m, v = torch.ones(2), torch.zeros(2), torch.zeros(2)
    for t in range(1, steps + 1):
        g = loss_grad(t)
        if decoupled:  # AdamW：先把参数按比例缩小，衰减不进入 m、v
            theta = theta * (1 - lr * wd)
        else:  # Adam 的 weight_decay：把 λθ 加进梯度（L2 正则化）
            g = g + wd * theta
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        theta = theta - lr * (m / (1 - beta1**t)) / ((v / (1 - beta2**t)).sqrt() + eps)
    return theta


for name, make, decoupled in (("Adam ", torch.optim.Adam, False), ("AdamW", torch.optim.AdamW, True)):
    for wd in (0.1, 0.001):
        theta = run(make, wd)
        same = torch.allclose(theta, by_hand(wd, decoupled), atol=1e-6)
        print(f"{name} λ = {wd:<5}：{steps} 步后 θ₀ = {theta[0]:.4f}，θ₁ = {theta[1]:.4f}；与手写的公式一致 {same}")
print(
    f"Adam λ = 0.1：第 10 步 θ₀ = {run(torch.optim.Adam, 0.1, 10)[0]:.4f}，第 100 步 θ₀ = {run(torch.optim.Adam, 0.1, 100)[0]:.4f}"
)
drift = run(torch.optim.Adam, 0.0)[1] - run(torch.optim.Adam, 0.1)[1]
print(f"Adam λ = 0.1：θ₁ 比不加衰减时小 {drift:.4f}，估计 {steps}·ηλ/10 = {steps * lr * 0.1 / 10:.4f}")
print(f"(1 − ηλ)^{steps}：λ = 0.1 时 {(1 - lr * 0.1) ** steps:.4f}，λ = 0.001 时 {(1 - lr * 0.001) ** steps:.4f}")

# θ₀ 的梯度是 0 张量：嵌入层里没被查到的一行。整个张量都没用到时，梯度是 None，优化器跳过它
for make in (torch.optim.Adam, torch.optim.AdamW):
    emb = torch.nn.Embedding(3, 2)
    torch.nn.init.ones_(emb.weight)
    unused = torch.nn.Parameter(torch.ones(2))  # 没有参与任何计算
    opt = make([emb.weight, unused], lr=lr, weight_decay=0.1)
    for _ in range(100):
        opt.zero_grad()
        emb(torch.tensor([0])).sum().backward()  # 只查第 0 行
        opt.step()
    print(
        f"{make.__name__:<5} λ = 0.1：嵌入层没被查到的第 2 行 grad = {emb.weight.grad[2].tolist()}，100 步后 {emb.weight[2, 0]:.4f}；"
        f"没用到的张量 grad = {unused.grad}，100 步后 {unused[0]:.4f}"
    )
