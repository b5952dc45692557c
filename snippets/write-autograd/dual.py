"""前向模式：每个数带着它沿某个方向的导数（切向量的一个分量）一起往前算。"""

import math


# --8<-- [start:dual]
class Dual:
    """一个数 val 和它对输入沿方向 d 的导数 dot；每个运算同时算出两者，不建图。"""

    def __init__(self, val, dot=0.0):
        self.val = float(val)
        self.dot = float(dot)

    @staticmethod
    def lift(x):
        return x if isinstance(x, Dual) else Dual(x)  # 常数的导数是 0

    def __add__(self, other):
        other = Dual.lift(other)
        return Dual(self.val + other.val, self.dot + other.dot)

    def __mul__(self, other):
        other = Dual.lift(other)
        return Dual(self.val * other.val, self.dot * other.val + self.val * other.dot)

    def exp(self):
        e = math.exp(self.val)
        return Dual(e, e * self.dot)

    def log(self):
        return Dual(math.log(self.val), self.dot / self.val)

    def tanh(self):
        t = math.tanh(self.val)
        return Dual(t, (1 - t * t) * self.dot)

    __radd__ = __add__
    __rmul__ = __mul__


# --8<-- [end:dual]
