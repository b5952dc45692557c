import torch
import torch.nn.functional as F
from mlp import cross_entropy, softmax

z = torch.tensor([[1000.0, 1001.0, 999.0]])  # 一个样本的 logits，float32
y = torch.tensor([1])

naive_p = torch.exp(z) / torch.exp(z).sum()  # 直接按定义算
print("torch.exp(1000.0) =", torch.exp(torch.tensor(1000.0)).item())
print("按定义算的 softmax：", naive_p.tolist())
print("减去最大值后的 softmax：", [round(v, 4) for v in softmax(z)[0].tolist()])
print(f"log-sum-exp 算的交叉熵：{cross_entropy(z, y).item():.4f}")
print(f"F.cross_entropy：      {F.cross_entropy(z, y).item():.4f}")

# 梯度：softmax − one-hot
z = torch.tensor([[2.0, -1.0, 0.5]], requires_grad=True)
cross_entropy(z, y).backward()
by_formula = softmax(z.detach()) - F.one_hot(y, 3)
print("autograd 的 ∂ℓ/∂z：", [round(v, 4) for v in z.grad[0].tolist()])
print("softmax − one-hot：", [round(v, 4) for v in by_formula[0].tolist()])
