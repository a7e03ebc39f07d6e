import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CalendarYearQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class CalendarOverrideDto {
  @IsBoolean()
  isWorkday: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string | null;
}
