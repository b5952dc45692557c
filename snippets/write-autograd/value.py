"""一个只处理标量的自动求导：Value 记录数值、梯度、来源节点和一条局部的反向规则。"""

import math


# --8<-- [start:core]
class Value:
    """计算图里的一个节点：一个数，以及反向传播时用到的一切。"""

    def __init__(self, data, inputs=(), op=""):
        self.data = float(data)  # 前向算出的值
        self.grad = 0.0  # ∂(最终输出)/∂(本节点)，反向传播时一点点加上去
        self.inputs = inputs  # 本节点由哪些节点算出来
        self.op = op  # 运算的名字，只用于打印
        self._backward = lambda: None  # 把 self.grad 传给 inputs 的规则；叶子节点什么也不做

    def __repr__(self):
        return f"Value({self.data:.4f}, grad={self.grad:.4f})"

    @staticmethod
    def lift(x):
        """普通的数当作常数节点，这样 2 * v、v + 1 也能写。"""
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value.lift(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():  # ∂out/∂self = ∂out/∂other = 1
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = Value.lift(other)
        out = Value(self.data * other.data, (self, other), "×")

        def _backward():  # ∂out/∂self = other，∂out/∂other = self
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:core]

    # --8<-- [start:more]
    def __sub__(self, other):
        other = Value.lift(other)
        out = Value(self.data - other.data, (self, other), "−")

        def _backward():  # ∂out/∂self = 1，∂out/∂other = −1
            self.grad += out.grad
            other.grad += -out.grad

        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = Value.lift(other)
        out = Value(self.data / other.data, (self, other), "÷")

        def _backward():  # ∂(p/q)/∂p = 1/q，∂(p/q)/∂q = −p/q²
            self.grad += out.grad / other.data
            other.grad += -out.grad * self.data / other.data**2

        out._backward = _backward
        return out

    def __pow__(self, k):
        """指数 k 是普通的数（常数），不是节点。"""
        out = Value(self.data**k, (self,), f"^{k}")

        def _backward():  # d(xᵏ)/dx = k·xᵏ⁻¹
            self.grad += k * self.data ** (k - 1) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():  # (eˣ)' = eˣ，正好是输出自己
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), "log")

        def _backward():  # (ln x)' = 1/x
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def _backward():  # (tanh x)' = 1 − tanh²x
            self.grad += (1 - out.data**2) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = Value(max(self.data, 0.0), (self,), "relu")

        def _backward():  # x > 0 时导数 1，x < 0 时 0；x = 0 处不可导，约定取 0
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    def maximum(self, other):
        other = Value.lift(other)
        first_wins = self.data >= other.data  # 相等时算第一个输入赢：这是约定
        out = Value(self.data if first_wins else other.data, (self, other), "max")

        def _backward():  # 输出的梯度整个交给较大的那个输入，另一个得到 0
            if first_wins:
                self.grad += out.grad
            else:
                other.grad += out.grad

        out._backward = _backward
        return out

    # 让 3 + v、3 − v、3 × v、3 ÷ v、−v 也能写
    def __radd__(self, other):
        return Value.lift(other) + self

    def __rsub__(self, other):
        return Value.lift(other) - self

    def __rmul__(self, other):
        return Value.lift(other) * self

    def __rtruediv__(self, other):
        return Value.lift(other) / self

    def __neg__(self):
        return self * -1

    # --8<-- [end:more]

    # --8<-- [start:backward]
    def order(self):
        """从 self 往回能到达的所有节点，排成拓扑序：每个节点都排在它的全部输入之后。"""
        result, seen = [], set()
        stack = [(self, False)]  # 用栈做深度优先搜索，图再深也不会超出 Python 的递归层数
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:  # 它的输入都已排好，轮到它自己
                result.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((x, False) for x in node.inputs)
        return result

    def backward(self):
        """求 self 对图中每个节点的偏导数，累加进各节点的 .grad。"""
        self.grad = 1.0  # ∂self/∂self = 1
        for node in reversed(self.order()):  # 每个节点都在用到它的所有节点之后才处理
            node._backward()

    # --8<-- [end:backward]
