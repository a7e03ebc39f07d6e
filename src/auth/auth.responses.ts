import { ApiProperty } from '@nestjs/swagger';
import { PersonResponse } from '../people/person.responses';

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`' })
  accessToken: string;

  @ApiProperty({ type: PersonResponse })
  user: PersonResponse;
}
