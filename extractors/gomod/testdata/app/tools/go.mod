module example.com/app/tools

go 1.24

require example.com/app v0.0.0

replace example.com/app => ../
