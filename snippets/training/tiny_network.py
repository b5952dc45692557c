import matplotlib.pyplot as plt
import torch

# 数据：y = sin x，x 在 [-3, 3] 上取 100 个点，每行一个样本
x = torch.linspace(-3, 3, 100).unsqueeze(1)
y = torch.sin(x)


def train(lr, steps=1000):
    torch.manual_seed(0)  # 每次从同样的随机初始值出发
    # 一个隐藏层、16 个神经元：a = tanh(x W1ᵀ + b1)，预测 ŷ = a W2ᵀ + b2，共 49 个参数
    W1 = torch.randn(16, 1).requires_grad_()
    b1 = torch.randn(16).requires_grad_()
    W2 = (0.1 * torch.randn(1, 16)).requires_grad_()
    b2 = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W1, b1, W2, b2], lr=lr)

    def predict(x):
        return torch.tanh(x @ W1.T + b1) @ W2.T + b2

    losses = []
    for k in range(steps + 1):
        optimizer.zero_grad()
        loss = ((predict(x) - y) ** 2).mean()
        losses.append(loss.item())  # losses[k]：更新 k 次后的 loss
        if k == steps:
            break
        loss.backward()
        optimizer.step()
    return losses, predict


losses, predict = train(lr=0.1)
for k in (0, 10, 100, 300, 1000):
    print(f"学习率 0.1，更新 {k:>4} 次后  loss = {losses[k]:.5f}")
with torch.no_grad():
    fitted = predict(x)
print(f"1000 次更新后，100 个点上的最大误差 {(fitted - y).abs().max().item():.3f}")

too_big, _ = train(lr=0.3, steps=100)
print(f"学习率 0.3：更新 10 次后 loss = {too_big[10]:.4g}，100 次后 loss = {too_big[100]}")

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(x.squeeze(), y.squeeze(), color="black", label="sin x（目标）")
ax.plot(x.squeeze(), fitted.squeeze(), "--", color="tab:orange", label="网络的预测（1000 次更新后）")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("一个隐藏层的小网络拟合 sin x")
ax.grid(alpha=0.3)
ax.legend()
