import torch

torch.manual_seed(0)
X = torch.randn(32, 5, requires_grad=True)
W = torch.randn(3, 5, requires_grad=True)
b = torch.randn(3, requires_grad=True)
s = torch.randn(32, 1, requires_grad=True)

T = X @ W.T + b  # b 沿第 0 轴广播
Z = s * T  # s 沿第 1 轴广播
L = (Z**2).mean()
L.backward()

G = (2 * Z / Z.numel()).detach()  # ∂L/∂Z，形状 (32, 3)
GT = s.detach() * G  # ∂L/∂T
hand = {
    "X": GT @ W.detach(),
    "W": GT.T @ X.detach(),
    "b": GT.sum(dim=0),
    "s": (G * T.detach()).sum(dim=1, keepdim=True),
}
for name, t in (("X", X), ("W", W), ("b", b), ("s", s)):
    same = torch.allclose(t.grad, hand[name], atol=1e-6)
    print(f"∂L/∂{name}：形状 {tuple(t.grad.shape)}，与手算一致：{same}")
