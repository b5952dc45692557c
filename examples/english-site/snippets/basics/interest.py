balance = 1000.0
for year in range(1, 4):
    balance *= 1.05
    print(f"year {year}: {balance:.2f}")
