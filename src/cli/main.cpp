#include <iostream>
int main() { std::cout << "provident\n"; }
