<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * ELKO's request limit (50 per 10 s, then a one-minute block), or the client's own limiter refused
 * to send (then getHttpStatus() is 0): wait getRetryAfterSeconds().
 */
class RateLimitedException extends ElkoErrorException
{
    public const STATUS = -5;

    /** Seconds to send nothing before the next request. */
    public function getRetryAfterSeconds(): float
    {
        return $this->getRetryAfterMs() / 1000.0;
    }
}
