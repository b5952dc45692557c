import math

import torch


class V:
    """标量节点：值、梯度、父节点，以及自己对每个父节点的局部导数。"""

    def __init__(self, data, parents=(), local=()):
        self.data, self.grad, self.parents, self.local = data, 0.0, parents, local

    def __add__(self, other):
        return V(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        return V(self.data * other.data, (self, other), (other.data, self.data))

    def tanh(self):
        t = math.tanh(self.data)
        return V(t, (self,), (1 - t * t,))

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # 迭代的深度优先搜索：节点在它的所有父节点之后进入 order
            v, done = stack.pop()
            if done:
                order.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((p, False) for p in v.parents)
        self.grad = 1.0
        for v in reversed(order):  # 逆拓扑序：处理 v 时，它的梯度已经收齐
            for p, d in zip(v.parents, v.local, strict=True):
                p.grad += d * v.grad  # 多条路径的贡献相加


x, y = V(0.5), V(-1.5)
f = (x * y + x).tanh() * x
f.backward()

xt = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
yt = torch.tensor(-1.5, dtype=torch.float64, requires_grad=True)
ft = torch.tanh(xt * yt + xt) * xt
ft.backward()
print(f"V：    f = {f.data:.6f}，∂f/∂x = {x.grad:.6f}，∂f/∂y = {y.grad:.6f}")
print(f"torch：f = {ft.item():.6f}，∂f/∂x = {xt.grad.item():.6f}，∂f/∂y = {yt.grad.item():.6f}")
t = math.tanh(0.5 * -1.5 + 0.5)  # 手算的公式，u = xy + x
print(f"公式： ∂f/∂x = {t + 0.5 * (1 - t * t) * (-1.5 + 1):.6f}，∂f/∂y = {0.5**2 * (1 - t * t):.6f}")
