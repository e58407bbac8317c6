import { Controller, Get, Post, Param, Body, UseGuards } from '@nestjs/common';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  findAll() {
    return this.users.findAll();
  }

  @Get(':id')
  @UseGuards(AuthGuard)
  async findOne(@Param('id') id: string) {
    const cfg = { get: (x: string) => x };
    return this.users.findOne(id);
  }

  @Post(['', 'bulk'])
  create(@Body() body: { name: string }) {
    return this.users.create(body);
  }
}

@Controller({ path: 'health', host: 'admin.example.com' })
export class HealthController {
  @Get()
  check() {
    return 'ok';
  }
}

export class NotAController {
  @Get('ignored')
  nope() {}
}
